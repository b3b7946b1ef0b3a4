// The login form. An empty field is pointed out before anything is sent; wrong credentials,
// throttling and invalid fields each get their own message.
import { useState } from 'react';
import Form from 'react-bootstrap/Form';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { SubmitButton } from '@/components/ui/SubmitButton';
import { TextField } from '@/components/ui/TextField';
import { ApiProblem } from '@/lib/api/problem';
import { useLogin } from '../api/login';

const INLINE_FIELDS = ['email', 'password'] as const;

/** What an empty form lacks, before asking the server. */
function missingFields(email: string, password: string): Record<string, string> {
  const missing: Record<string, string> = {};
  if (email.trim() === '') missing.email = 'Enter your e-mail address.';
  if (password === '') missing.password = 'Enter your password.';
  return missing;
}

type LoginFormProps = {
  onSuccess: () => void;
  /** Prefilled, as on the page an invitation opens. */
  initialEmail?: string;
};

export function LoginForm({ onSuccess, initialEmail = '' }: LoginFormProps) {
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const loginMutation = useLogin();
  const [missing, setMissing] = useState<Record<string, string>>({});
  const serverErrors = loginMutation.error instanceof ApiProblem ? loginMutation.error.fieldErrors() : {};
  const fieldErrors = { ...serverErrors, ...missing };

  return (
    <Form
      noValidate
      aria-label="Log in"
      onSubmit={(event) => {
        event.preventDefault();
        const empty = missingFields(email, password);
        setMissing(empty);
        if (Object.keys(empty).length > 0) {
          loginMutation.reset();
          return;
        }
        loginMutation.mutate({ email: email.trim(), password }, { onSuccess });
      }}
    >
      <ProblemAlert error={loginMutation.error} fieldsShownInline={INLINE_FIELDS} />
      <TextField
        label="E-mail"
        type="email"
        name="email"
        autoComplete="username"
        required
        value={email}
        onChange={(value) => {
          setEmail(value);
          setMissing(({ email: _email, ...rest }) => rest);
        }}
        error={fieldErrors.email}
      />
      <TextField
        label="Password"
        type="password"
        name="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(value) => {
          setPassword(value);
          setMissing(({ password: _password, ...rest }) => rest);
        }}
        error={fieldErrors.password}
      />
      <SubmitButton pending={loginMutation.isPending} className="w-100">
        Log in
      </SubmitButton>
    </Form>
  );
}
