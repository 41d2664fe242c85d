import { badgeLabel, codeParts } from '../tooltip';

describe('codeParts', () => {
  it('makes the names between backticks code', () => {
    expect(codeParts('reads `x`, set by cell [3]')).toEqual([
      { text: 'reads ', code: false },
      { text: 'x', code: true },
      { text: ', set by cell [3]', code: false }
    ]);
  });

  it('keeps an unmatched backtick as text', () => {
    expect(codeParts('reads `a` and `b')).toEqual([
      { text: 'reads ', code: false },
      { text: 'a', code: true },
      { text: ' and `b', code: false }
    ]);
  });
});

describe('badgeLabel', () => {
  it('reads the words, then each reason without backticks', () => {
    expect(
      badgeLabel({
        words: 'stale, opaque',
        reasons: ['reads `x`, set by cell [1]', 'uses `exec`']
      })
    ).toBe('stale, opaque. reads x, set by cell [1]. uses exec');
  });
});
