import { describe, expect, it } from 'vitest';
import { findObject, jsonAfter, scriptId, scriptString } from '../../../electron/core/extract/script-data.js';

describe('script data', () => {
  const scripts = [`var g_config = { itemId: '654321', shopId: "57123456", sellerId: 2201234567, shopName: '\\u5c71\\u8336 "Tea"' };`, 'window.runParams = {"data":{"storeModule":{"storeNum":1102345678,"storeName":"Case \\u0026 Co"}}};'];

  it('reads identifiers, quoted or not', () => {
    expect(scriptId(scripts, ['shopId'])).toEqual({ key: 'shopId', value: '57123456' });
    expect(scriptId(scripts, ['sellerId'])).toEqual({ key: 'sellerId', value: '2201234567' });
    expect(scriptId(scripts, ['missing', 'storeNum'])).toEqual({ key: 'storeNum', value: '1102345678' });
    expect(scriptId(scripts, ['nope'])).toBeNull();
  });

  it('reads strings with their escapes decoded', () => {
    expect(scriptString(scripts, ['shopName'])?.value).toBe('山茶 "Tea"');
    expect(scriptString(scripts, ['storeName'])?.value).toBe('Case & Co');
  });

  it('does not match a key inside a longer name', () => {
    expect(scriptId(['var myshopId = 1; var shopIdx = 2;'], ['shopId'])).toBeNull();
  });

  it('parses the JSON after a marker, brackets inside strings included', () => {
    const r = jsonAfter(['x = 1; window.runParams = {"a":"}{","b":[1,{"c":2}]}; more();'], /window\.runParams\s*=/);
    expect(r?.value).toEqual({ a: '}{', b: [1, { c: 2 }] });
    expect(jsonAfter(['window.runParams = {broken'], /window\.runParams\s*=/)).toBeNull();
  });

  it('finds an object by a test, depth-first', () => {
    expect(findObject({ a: [{ id: 1 }, { id: 2, seller: 'x' }] }, (o) => o.id === 2)).toEqual({ id: 2, seller: 'x' });
    expect(findObject('nothing', () => true)).toBeNull();
  });
});
