/** One figure of a `<dl class="stat-grid">`: its label, the value, and an optional line explaining it. */
export function Figure({ label, value, detail }: { label: string; value: string; detail?: string | undefined }) {
  return (
    <div class="stat">
      <dt>{label}</dt>
      <dd>{value}</dd>
      {detail && <dd class="stat-detail">{detail}</dd>}
    </div>
  );
}
