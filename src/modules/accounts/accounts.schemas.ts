import Type from 'typebox';

const email = Type.String({ minLength: 1, maxLength: 254, format: 'email', messageKey: 'field.emailInvalid' });
const password = Type.String({ minLength: 1, maxLength: 1000 });

export const SignUpInput = Type.Object({
  email,
  name: Type.String({ minLength: 1, maxLength: 50 }),
  password,
  passwordConfirm: password,
});

export const LogInInput = Type.Object({ email: Type.String({ minLength: 1, maxLength: 254 }), password });

export const EmailInput = Type.Object({ email });

export const ResetPasswordInput = Type.Object({ token: Type.String({ minLength: 1, maxLength: 100 }), password, passwordConfirm: password });

export const ChangePasswordInput = Type.Object({ currentPassword: password, password, passwordConfirm: password });

/** The password confirms; an account without one (made through a provider) types its e-mail instead. */
export const DeleteAccountInput = Type.Object({
  currentPassword: Type.Optional(Type.String({ maxLength: 1000 })),
  confirmEmail: Type.Optional(Type.String({ maxLength: 254 })),
});

export const TotpCodeInput = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 12, pattern: '^[0-9 ]+$', messageKey: 'account.totpInvalid' }),
});

export const SetRoleInput = Type.Object({ role: Type.Union([Type.Literal('citizen'), Type.Literal('operator'), Type.Literal('reviewer')]) });
