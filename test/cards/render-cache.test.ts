import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import sinon from 'sinon';
import { z } from 'zod';
import { CardRenderError, render, unsureTemplate, type CardTemplate } from '../../cards';
import {
  copyJson,
  dataKey,
  MAX_CARDS_PER_TEMPLATE,
  withoutRenderCache,
} from '../../cards/render-cache';
import { cardActivity } from '../../bot/cards';
import { unrelatedCardData, unrelatedTemplate } from '../../cards/triage/unrelated';
import { unsureCardData } from '../../cards/triage/unsure';
import { triage } from '../../src/triage';
import { CARD_CASES } from './support/cases';

/** The pastes bench:load sends in its triage-only phase (labelled unrelated in the dev set). */
function benchTriageOnlyPastes(): string[] {
  const file = join(__dirname, '..', 'fixtures', 'triage', 'dev-set.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { text: string; intent: string })
    .filter((p) => p.intent === 'unrelated')
    .map((p) => p.text);
}

/** The card the message route sends for a paste triage answers alone (bot/routes/messages.ts). */
function triageOnlyActivity(text: string) {
  const result = triage(text);
  return result.unsure === undefined
    ? cardActivity(unrelatedTemplate, unrelatedCardData(text, result))
    : cardActivity(unsureTemplate, unsureCardData(text, result));
}

describe('rendered cards kept by their data', () => {
  for (const c of CARD_CASES) {
    it(`${c.name}: the kept card is the card rendered afresh, byte for byte, a new copy each time`, () => {
      const fresh = JSON.stringify(withoutRenderCache(c.render));
      // Kept the second time at the latest, so the third and later are kept copies.
      const first = c.render();
      c.render();
      const second = c.render();
      assert.equal(JSON.stringify(first), fresh);
      assert.equal(JSON.stringify(second), fresh);
      assert.notEqual(second, first);
      (second as Record<string, unknown>).changed = true;
      assert.equal(JSON.stringify(c.render()), fresh);
    });
  }

  it('copies parsed JSON as parsing it again would: deep, in key order, an own __proto__ kept', () => {
    const json =
      '{"b":1,"a":[{"x":[1,2,{"y":null}]},"s",true,-1.5e-7],"2":"two","1":{},"__proto__":{"p":1},"e":[]}';
    const parsed = JSON.parse(json) as Record<string, unknown>;
    const copy = copyJson(parsed);
    assert.equal(JSON.stringify(copy), JSON.stringify(parsed));
    assert.equal(Object.getPrototypeOf(copy), Object.prototype);
    assert.deepEqual(Object.keys(copy), Object.keys(parsed));
    assert.ok(Object.prototype.hasOwnProperty.call(copy, '__proto__'));
    assert.equal(copyJson('text'), 'text');
    assert.equal(copyJson(null), null);
    // Nothing is shared: a change anywhere in the copy leaves the original as it was.
    ((copy.a as unknown[])[0] as { x: unknown[] }).x.push(3);
    (copy['1'] as Record<string, unknown>).z = 1;
    assert.equal(JSON.stringify(parsed), JSON.stringify(JSON.parse(json)));
  });

  it('hands out kept cards that share nothing with the kept one, however deep', () => {
    const c = CARD_CASES[0];
    assert.ok(c !== undefined);
    const fresh = JSON.stringify(withoutRenderCache(c.render));
    c.render();
    c.render();
    const copy = c.render() as Record<string, unknown>;
    const body = copy.body as Array<Record<string, unknown>>;
    assert.ok(Array.isArray(body) && body.length > 0);
    body.push({ type: 'TextBlock', text: 'changed' });
    (body[0] ?? {}).changed = true;
    assert.equal(JSON.stringify(c.render()), fresh);
  });

  it("the bench's triage-only pastes get the same activities, byte for byte", () => {
    const pastes = benchTriageOnlyPastes();
    assert.ok(pastes.length >= 10);
    for (const text of pastes) {
      const fresh = JSON.stringify(withoutRenderCache(() => triageOnlyActivity(text)));
      assert.equal(JSON.stringify(triageOnlyActivity(text)), fresh, text);
      assert.equal(JSON.stringify(triageOnlyActivity(text)), fresh, text);
      assert.equal(JSON.stringify(triageOnlyActivity(text)), fresh, text);
    }
  });

  it('expands a template twice for the same data (kept the second time), then no more', () => {
    const expand = sinon.spy(ACData.Template.prototype, 'expand');
    try {
      const data = { lead: 'a refused Temporary Access Pass' };
      render(unsureTemplate, data);
      render(unsureTemplate, { ...data });
      assert.equal(expand.callCount, 2);
      render(unsureTemplate, { ...data });
      render(unsureTemplate, { ...data });
      assert.equal(expand.callCount, 2);
      const other = render(unsureTemplate, { lead: 'an app that needs permission' });
      assert.equal(expand.callCount, 3);
      assert.notEqual(JSON.stringify(other), JSON.stringify(render(unsureTemplate, data)));
      withoutRenderCache(() => render(unsureTemplate, data));
      assert.equal(expand.callCount, 4);
    } finally {
      expand.restore();
    }
  });

  it('keeps no card for data rendered once (a paste with its own ids), and still renders it right', () => {
    const expand = sinon.spy(ACData.Template.prototype, 'expand');
    const parse = sinon.spy(JSON, 'parse');
    try {
      const cards = Array.from({ length: 5 }, (_, i) => {
        const data = unrelatedCardData('x', {
          ...triage('AADSTS50058 something went wrong'),
          fields: { correlationId: `2f8c6e1a-7b34-4d9e-a051-00000000000${i}` },
        });
        const card = render(unrelatedTemplate, data);
        assert.equal(
          JSON.stringify(card),
          JSON.stringify(withoutRenderCache(() => render(unrelatedTemplate, data))),
        );
        return JSON.stringify(card);
      });
      assert.equal(new Set(cards).size, 5);
      assert.equal(expand.callCount, 10);
      // No card was read back from its JSON to be kept.
      assert.equal(parse.callCount, 0);
    } finally {
      expand.restore();
      parse.restore();
    }
  });

  it('still refuses bad data, whatever cards are kept', () => {
    render(unsureTemplate, { lead: 'a locked account' });
    render(unsureTemplate, { lead: 'a locked account' });
    assert.throws(
      () => render(unsureTemplate, { lead: 'a locked account', extra: 1 } as never),
      CardRenderError,
    );
    assert.throws(() => render(unsureTemplate, { lead: 7 } as never), CardRenderError);
  });

  it('checks data once for a kept card: the same card as checked and rendered afresh', () => {
    const schema = z.object({ name: z.string().min(2) }).strict();
    const template: CardTemplate<{ name: string }> = {
      name: 'test/checked-once',
      json: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'Hi ${name}' }] },
      schema,
    };
    const check = sinon.spy(schema, 'safeParse');
    try {
      // Checked the first and second time; kept the second time, so not checked after.
      const first = render(template, { name: 'Ann' });
      render(template, { name: 'Ann' });
      assert.equal(check.callCount, 2);
      const again = render(template, { name: 'Ann' });
      assert.equal(check.callCount, 2);
      const fresh = withoutRenderCache(() => render(template, { name: 'Ann' }));
      assert.equal(check.callCount, 3);
      assert.equal(JSON.stringify(again), JSON.stringify(fresh));
      assert.equal(JSON.stringify(first), JSON.stringify(fresh));
      // Other data is checked, and gives another card.
      const other = render(template, { name: 'Bob' });
      assert.equal(check.callCount, 4);
      assert.notEqual(JSON.stringify(other), JSON.stringify(again));
      assert.throws(() => render(template, { name: 'A' }), CardRenderError);
      assert.throws(() => render(template, { name: 'A' }), CardRenderError);
      assert.throws(() => render(template, { name: 'A' }), CardRenderError);
      assert.equal(check.callCount, 7);
    } finally {
      check.restore();
    }
  });

  it("a kept card does not pass data through another template's check on the same JSON", () => {
    const json = { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'Hi ${name}' }] };
    const loose: CardTemplate<{ name: string }> = {
      name: 'test/loose',
      json,
      schema: z.object({ name: z.string() }).strict(),
    };
    const strict: CardTemplate<{ name: string }> = {
      name: 'test/strict',
      json,
      schema: z.object({ name: z.string().min(5) }).strict(),
    };
    const unchecked: CardTemplate<{ name: string }> = { name: 'test/unchecked', json };
    render(loose, { name: 'Ann' });
    render(loose, { name: 'Ann' });
    render(loose, { name: 'Ann' });
    assert.throws(() => render(strict, { name: 'Ann' }), CardRenderError);
    const card = render(unchecked, { name: 'Ann' });
    assert.equal((card.body as { text: string }[])[0]?.text, 'Hi Ann');
  });

  it('keeps only small plain data: not undefined, dates, NaN, -0 or long data', () => {
    assert.equal(
      dataKey({ lead: 'x', n: 2, on: true, none: null, list: ['a'] }),
      '{"lead":"x","n":2,"on":true,"none":null,"list":["a"]}',
    );
    assert.equal(dataKey({ lead: undefined }), undefined);
    assert.equal(dataKey({ at: new Date(0) }), undefined);
    assert.equal(dataKey({ n: Number.NaN }), undefined);
    assert.equal(dataKey({ n: -0 }), undefined);
    assert.equal(dataKey({ items: Array.from({ length: 100 }, (_, i) => i) }), undefined);
    assert.equal(dataKey({ text: 'x'.repeat(3000) }), undefined);
  });

  it(`keeps at most ${MAX_CARDS_PER_TEMPLATE} cards a template, and each stays right`, () => {
    const template: CardTemplate<{ name: string }> = {
      name: 'test/hello',
      json: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'Hello ${name}' }] },
      schema: z.object({ name: z.string() }).strict(),
    };
    const text = (name: string) => (render(template, { name }).body as { text: string }[])[0].text;
    for (let i = 0; i < MAX_CARDS_PER_TEMPLATE * 2; i += 1) {
      assert.equal(text(`n${i}`), `Hello n${i}`);
      assert.equal(text(`n${i}`), `Hello n${i}`);
    }
    assert.equal(text('n0'), 'Hello n0');
  });
});
