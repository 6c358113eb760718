import { maskAlnum, maskSpan } from './mask-span';

describe('maskAlnum', () => {
  it.each([
    ['370101190102039973', 2, 3, '37*************973'],
    ['11010519491231002x', 2, 3, '11*************02x'],
    ['138-1234-5678', 3, 4, '138-****-5678'],
    ['138 1234 5678', 3, 4, '138 **** 5678'],
    ['１３８１２３４５６７８', 3, 4, '１３８****５６７８'],
    ['6225 8801 2345 6783', 4, 4, '6225 **** **** 6783'],
    ['88888888', 0, 4, '****8888'],
    ['1234挂', 0, 2, '**34挂'],
    ['12', 3, 4, '12'],
  ])('%s keeping %i and %i → %s', (original, keepFirst, keepLast, masked) => {
    expect(maskAlnum(original, keepFirst, keepLast)).toBe(masked);
  });
});

describe('maskSpan', () => {
  it('takes the original from the text at the offsets', () => {
    expect(maskSpan('电话13812345678。', 'mobile', 2, 13, '138****5678')).toEqual({
      kind: 'mobile',
      start: 2,
      end: 13,
      original: '13812345678',
      replacement: '138****5678',
    });
  });
});
