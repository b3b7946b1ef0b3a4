// The login form. Wrong credentials, throttling and invalid fields each get their own message.
import { useState } from 'react';
import Form from 'react-bootstrap/Form';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { SubmitButton } from '@/components/ui/SubmitButton';
import { TextField } from '@/components/ui/TextField';
import { ApiProblem } from '@/lib/api/problem';
import { useLogin } from '../api/login';

const INLINE_FIELDS = ['email', 'password'] as const;

type LoginFormProps = {
  onSuccess: () => void;
  /** Prefilled, as on the page an invitation opens. */
  initialEmail?: string;
};

export function LoginForm({ onSuccess, initialEmail = '' }: LoginFormProps) {
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const loginMutation = useLogin();
  const fieldErrors = loginMutation.error instanceof ApiProblem ? loginMutation.error.fieldErrors() : {};

  return (
    <Form
      noValidate
      aria-label="Log in"
      onSubmit={(event) => {
        event.preventDefault();
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
        onChange={setEmail}
        error={fieldErrors.email}
      />
      <TextField
        label="Password"
        type="password"
        name="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={setPassword}
        error={fieldErrors.password}
      />
      <SubmitButton pending={loginMutation.isPending} className="w-100">
        Log in
      </SubmitButton>
    </Form>
  );
}
