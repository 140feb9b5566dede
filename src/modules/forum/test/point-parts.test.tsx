import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import type { Ui } from '../../../app/ui/ui.ts';
import { ANONYMOUS } from '../../../shared/context.ts';
import { translator } from '../../../shared/i18n/index.ts';
import type { PointRow } from '../points.service.ts';
import { PointItem } from '../views/point-parts.tsx';

const ui = { t: translator('ko'), locale: 'ko', actor: ANONYMOUS, csrfToken: '', path: '/forum/1', flash: null, unread: 0, restoredForm: null, features: new Set() } as unknown as Ui;
const point = { id: 7, proposal_id: 1, side: 'for', body: '숨기기 전의 의견입니다', source_url: null, helpful_count: 0, replies_count: 0, author_id: 2, author: '작성자', created_at: new Date('2026-12-01T00:00:00Z') };

describe('a point on a proposal’s page', () => {
  it('shows its shared rendering while it is shown, and only why once the reader’s own row says it is hidden', () => {
    const content = <p>숨기기 전의 의견입니다</p>;
    const shown = renderToString(<PointItem ui={ui} point={{ ...point, hidden_at: null, hidden_reason: null } as unknown as PointRow} marked={false} open content={content} />);
    assert.match(shown, /숨기기 전의 의견입니다/);
    const hidden = renderToString(<PointItem ui={ui} point={{ ...point, hidden_at: new Date(), hidden_reason: '광고입니다' } as unknown as PointRow} marked={false} open content={content} />);
    assert.doesNotMatch(hidden, /숨기기 전의 의견/, 'a rendering from before it was hidden is not used');
    assert.match(hidden, /광고입니다/);
  });
});
