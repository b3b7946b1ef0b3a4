// The registration form. The server owns the rules (length, common passwords, taken e-mails);
// its answers are shown next to the field they concern.
import { useState } from 'react';
import Form from 'react-bootstrap/Form';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { SubmitButton } from '@/components/ui/SubmitButton';
import { TextField } from '@/components/ui/TextField';
import { ApiProblem } from '@/lib/api/problem';
import { useRegister } from '../api/register';

const INLINE_FIELDS = ['display_name', 'email', 'password'] as const;

function registrationFieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiProblem)) return {};
  // A taken address comes without a pointer; it still belongs beside the e-mail field.
  if (error.code === 'email_taken') return { email: error.detail };
  return error.fieldErrors();
}

type RegisterFormProps = {
  onSuccess: () => void;
  /** Prefilled, as on the page an invitation opens. */
  initialEmail?: string;
};

export function RegisterForm({ onSuccess, initialEmail = '' }: RegisterFormProps) {
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const registerMutation = useRegister();
  const fieldErrors = registrationFieldErrors(registerMutation.error);
  const alertError =
    registerMutation.error instanceof ApiProblem && registerMutation.error.code === 'email_taken'
      ? null
      : registerMutation.error;

  return (
    <Form
      noValidate
      aria-label="Create an account"
      onSubmit={(event) => {
        event.preventDefault();
        registerMutation.mutate({ display_name: displayName.trim(), email: email.trim(), password }, { onSuccess });
      }}
    >
      <ProblemAlert error={alertError} fieldsShownInline={INLINE_FIELDS} />
      <TextField
        label="Your name"
        name="display_name"
        autoComplete="name"
        required
        value={displayName}
        onChange={setDisplayName}
        error={fieldErrors.display_name}
      />
      <TextField
        label="E-mail"
        type="email"
        name="email"
        autoComplete="email"
        required
        value={email}
        onChange={setEmail}
        error={fieldErrors.email}
      />
      <TextField
        label="Password"
        type="password"
        name="password"
        autoComplete="new-password"
        required
        help="15 to 128 characters. A few unrelated words make a strong, memorable password."
        value={password}
        onChange={setPassword}
        error={fieldErrors.password}
      />
      <SubmitButton pending={registerMutation.isPending} className="w-100">
        Create account
      </SubmitButton>
    </Form>
  );
}
