import { Layout } from './layout.tsx';
import type { Ui } from './ui.ts';

interface Props {
  ui: Ui;
  title: string;
  /** Why it is not shown again, and what to do with it. */
  warning: string;
  label: string;
  secret: string;
  back: { href: string; label: string };
}

/** A secret (an API token, a webhook's signing key) on the one answer that shows it, ready to copy. */
export function SecretOnceView({ ui, title, warning, label, secret, back }: Props) {
  return (
    <Layout ui={ui} title={title} crumbs={[{ href: back.href, label: back.label }, { label: title }]}>
      <h1>{title}</h1>
      <div class="notice notice-warning">
        <p>{warning}</p>
      </div>
      <label class="form-tit" for="secret-once">
        {label}
      </label>
      <input id="secret-once" class="krds-input" type="text" readOnly value={secret} autocomplete="off" spellcheck={false} />
      <p>
        <a href={back.href}>{back.label}</a>
      </p>
    </Layout>
  );
}
