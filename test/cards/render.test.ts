import assert from 'node:assert/strict';
import { z } from 'zod';
import {
  CARD_SCHEMA,
  CardRenderError,
  CardTooLargeError,
  MAX_CARD_BYTES,
  render,
  triageExplainSample,
  triageExplainTemplate,
  welcomeTemplate,
  type CardTemplate,
} from '../../cards';
import { isAppError } from '../../src/errors';

function template<T>(json: object, schema?: z.ZodType<T>): CardTemplate<T> {
  return { name: 'test/inline', json, schema };
}

const textCard = (text: string): object => ({
  type: 'AdaptiveCard',
  version: '1.0',
  body: [{ type: 'TextBlock', text }],
});

/** Runs `action` and returns what it threw, failing when it does not throw. */
function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  assert.fail('expected a throw');
}

describe('render', () => {
  it('fills expressions from the data', () => {
    const card = render(template<{ who: string }>(textCard('Hello ${who}')), { who: 'helpdesk' });
    assert.deepEqual(card.body, [{ type: 'TextBlock', text: 'Hello helpdesk' }]);
  });

  it('forces version 1.5 and the Adaptive Card $schema', () => {
    const card = render(template<Record<string, never>>(textCard('x')), {});
    assert.equal(card.version, '1.5');
    assert.equal(card.$schema, CARD_SCHEMA);
    assert.equal(card.type, 'AdaptiveCard');
  });

  it('fails loudly, naming the template, when data is missing', () => {
    const error = thrown(() => render(template<{ who?: string }>(textCard('Hello ${who}')), {}));
    assert.ok(error instanceof CardRenderError);
    assert.equal(error.templateName, 'test/inline');
    assert.match(error.message, /card test\/inline: unresolved expression "Hello \$\{who\}"/);
    assert.ok(isAppError(error), 'the edge turns it into an error card');
  });

  it('fails loudly when a real template gets incomplete data', () => {
    const partial = { ...triageExplainSample } as Partial<typeof triageExplainSample>;
    delete partial.meaning;
    const error = thrown(() =>
      render(triageExplainTemplate, partial as typeof triageExplainSample),
    );
    assert.ok(error instanceof CardRenderError);
    assert.match(error.message, /^card triage\/explain: invalid data: meaning: Required/);
  });

  it('without a schema, still catches a missing field inside a repeated item', () => {
    const json = {
      type: 'AdaptiveCard',
      body: [{ type: 'TextBlock', $data: '${rows}', text: '${label}' }],
    };
    const t = template<{ rows: Array<{ label?: string }> }>(json);
    assert.throws(
      () => render(t, { rows: [{ label: 'a' }, {}] }),
      /unresolved expression "\$\{label\}"/,
    );
  });

  it('rejects data its schema does not allow, including unknown fields', () => {
    assert.throws(
      () => render(welcomeTemplate, { showHelpdeskCommands: true, isAdmin: true } as never),
      /card common\/welcome: invalid data: .*isAdmin/,
    );
  });

  it('turns whole-expression numbers and booleans in display text back into strings', () => {
    const json = {
      type: 'AdaptiveCard',
      body: [
        { type: 'TextBlock', text: '${count}' },
        { type: 'FactSet', facts: [{ title: '${flag}', value: '${count}' }] },
      ],
      actions: [{ type: 'Action.Execute', verb: 'help', title: 'Help', data: { v: '${count}' } }],
    };
    const card = render(template<{ count: number; flag: boolean }>(json), { count: 7, flag: true });
    assert.deepEqual(card.body, [
      { type: 'TextBlock', text: '7' },
      { type: 'FactSet', facts: [{ title: 'true', value: '7' }] },
    ]);
    assert.deepEqual(card.actions, [
      { type: 'Action.Execute', verb: 'help', title: 'Help', data: { v: 7 } },
    ]);
  });

  it('shows data containing ${ as typed instead of failing or expanding it', () => {
    const card = render(template<{ paste: string }>(textCard('You sent: ${paste}')), {
      paste: 'oops ${secret} and $root',
    });
    const [block] = card.body as Array<{ text: string }>;
    assert.equal(block.text.replace(/\u200B/g, ''), 'You sent: oops ${secret} and $root');
  });

  it('drops an actions list that $when left empty', () => {
    const json = {
      type: 'AdaptiveCard',
      body: [{ type: 'TextBlock', text: 'x' }],
      actions: [{ type: 'Action.Execute', $when: '${show}', verb: 'help', title: 'Help' }],
    };
    assert.equal(render(template<{ show: boolean }>(json), { show: false }).actions, undefined);
    assert.ok(Array.isArray(render(template<{ show: boolean }>(json), { show: true }).actions));
  });

  it('throws a typed error naming the template when the card is over the size limit', () => {
    const big = 'x'.repeat(MAX_CARD_BYTES / 2);
    const error = thrown(() => render(template<{ big: string }>(textCard('${big}')), { big }));
    assert.ok(error instanceof CardTooLargeError);
    assert.equal(error.templateName, 'test/inline');
    assert.equal(error.limitBytes, MAX_CARD_BYTES);
    assert.ok(error.sizeBytes > MAX_CARD_BYTES);
  });

  it('counts size in UTF-16 code units, as Teams does', () => {
    // 30,000 CJK characters: 90 KB in UTF-8 but 60 KB in UTF-16, which Teams counts.
    const text = '\u7f72'.repeat(30_000);
    assert.doesNotThrow(() => render(template<{ text: string }>(textCard('${text}')), { text }));
    const emoji = '\u{1F511}'.repeat(21_000); // two UTF-16 units each: 84 KB
    assert.throws(
      () => render(template<{ text: string }>(textCard('${text}')), { text: emoji }),
      CardTooLargeError,
    );
  });

  it('rejects a template that is not an AdaptiveCard', () => {
    assert.throws(
      () => render(template<Record<string, never>>({ type: 'Container', items: [] }), {}),
      /expected type "AdaptiveCard"/,
    );
  });
});
