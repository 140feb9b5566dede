import type { ComponentChildren } from 'preact';
import { Layout } from './layout.tsx';
import type { Ui } from './ui.ts';

/** A page with a heading and body text: error pages and the footer's static pages. */
export function MessagePage({ ui, title, message, children }: { ui: Ui; title: string; message: string; children?: ComponentChildren }) {
  return (
    <Layout ui={ui} title={title}>
      <h1>{title}</h1>
      <p class="lead">{message}</p>
      {children}
    </Layout>
  );
}
