import assert from 'node:assert/strict';
import fc from 'fast-check';
import { GraphError } from '../../src/sandbox/graph-error';
import { evaluateFilter } from '../../src/sandbox/odata/filter-eval';
import { parseFilter } from '../../src/sandbox/odata/filter-parser';
import { checkFilter, type FilterRules } from '../../src/sandbox/odata/filter-rules';

const signIn = {
  id: 'b7e1c5d2-0f3a-4c6b-9d8e-7f6a5b4c3d03',
  userPrincipalName: 'User@Sandbox.example',
  createdDateTime: '2026-01-15T11:20:31Z',
  isInteractive: true,
  status: { errorCode: 53003, failureReason: 'blocked' },
  deviceDetail: { operatingSystem: 'Windows10', deviceId: '' },
  signInEventTypes: ['interactiveUser'],
  appliedConditionalAccessPolicies: [{ id: 'p1', result: 'failure' }],
  riskEventTypes_v2: ['unfamiliarFeatures'],
  riskLevel: null,
};

const matches = (filter: string, entity: unknown = signIn) =>
  evaluateFilter(parseFilter(filter), entity);

describe('sandbox OData $filter', () => {
  it('compares strings case-insensitively, numbers and nested paths', () => {
    assert.equal(matches("userPrincipalName eq 'user@sandbox.example'"), true);
    assert.equal(matches('status/errorCode eq 53003'), true);
    assert.equal(matches('status/errorCode eq 0'), false);
    assert.equal(matches("deviceDetail/operatingSystem eq 'windows10'"), true);
    assert.equal(matches('status/errorCode ne 0'), true);
  });

  it('orders dates by instant, not by text', () => {
    assert.equal(matches('createdDateTime ge 2026-01-15T11:00:00Z'), true);
    assert.equal(matches('createdDateTime lt 2026-01-15T12:20:31+01:00'), false);
    assert.equal(matches('createdDateTime le 2026-01-15T12:20:31+01:00'), true);
  });

  it('supports and, or, not, parentheses, in, startswith, booleans and null', () => {
    assert.equal(
      matches(
        "isInteractive eq true and (status/errorCode eq 1 or startswith(userPrincipalName, 'user'))",
      ),
      true,
    );
    assert.equal(matches('not (isInteractive eq true)'), false);
    assert.equal(matches("id in ('x', 'b7e1c5d2-0f3a-4c6b-9d8e-7f6a5b4c3d03')"), true);
    assert.equal(matches('riskLevel eq null'), true);
    assert.equal(matches('id eq b7e1c5d2-0f3a-4c6b-9d8e-7f6a5b4c3d03'), true);
  });

  it('evaluates any() lambdas on string and object collections', () => {
    assert.equal(matches("signInEventTypes/any(t: t eq 'interactiveUser')"), true);
    assert.equal(matches("signInEventTypes/any(t: t eq 'nonInteractiveUser')"), false);
    assert.equal(matches("appliedConditionalAccessPolicies/any(p: p/id eq 'p1')"), true);
    assert.equal(matches("riskEventTypes_v2 eq 'unfamiliarFeatures'"), true);
  });

  it("reads '' inside quotes as one quote", () => {
    assert.equal(matches("displayName eq 'O''Brien Team'", { displayName: "O'Brien Team" }), true);
  });

  it('rejects malformed expressions with a Graph 400', () => {
    for (const bad of ["userId eq 'x", 'userId eq', '(userId eq 1', "userId xx 'a'", ''])
      assert.throws(
        () => parseFilter(bad),
        (e: unknown) => e instanceof GraphError && e.status === 400,
      );
  });

  it('not(x) always negates x (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 5 }),
        fc.constantFrom('eq', 'ne', 'gt', 'ge', 'lt', 'le'),
        (n, op) => {
          const entity = { n: 0 };
          return matches(`not (n ${op} ${n})`, entity) === !matches(`n ${op} ${n}`, entity);
        },
      ),
    );
  });
});

describe('sandbox OData filter allow-lists', () => {
  const rules: FilterRules = {
    resource: 'signIn',
    properties: {
      userId: ['eq'],
      'status/errorCode': ['eq'],
      signInEventTypes: ['any', 'eq'],
      userPrincipalName: ['eq', 'startswith'],
    },
  };
  const check = (filter: string, advanced = false) =>
    checkFilter(parseFilter(filter), rules, advanced);

  it('accepts documented combinations', () => {
    check("userId eq 'a' and status/errorCode eq 53003");
    check("signInEventTypes/any(t: t eq 'nonInteractiveUser')");
    check("startswith(userPrincipalName, 'u')");
  });

  it('rejects an undocumented operator or property, naming it', () => {
    assert.throws(
      () => check('status/errorCode ne 0'),
      /operator 'ne' is not supported on 'status\/errorCode'/,
    );
    assert.throws(
      () => check("appDisplayName eq 'x'"),
      /property 'appDisplayName' is not filterable/,
    );
    assert.throws(() => check("not (userId eq 'a')"), /operator 'not'/);
  });

  it('demands an advanced query for advanced-only operators', () => {
    const dir: FilterRules = {
      resource: 'user',
      properties: { accountEnabled: ['eq', 'ne'] },
      advancedOnly: ['ne'],
    };
    assert.throws(
      () => checkFilter(parseFilter('accountEnabled ne true'), dir, false),
      /advanced query/,
    );
    checkFilter(parseFilter('accountEnabled ne true'), dir, true);
  });
});
