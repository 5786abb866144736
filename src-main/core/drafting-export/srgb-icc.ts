/**
 * A small ICC v2 display profile for sRGB (D50-adapted primaries, gamma 2.2 tone curves), the output
 * intent PDF/A asks for when a page paints in DeviceRGB. Built here rather than shipped: the machine
 * has no sRGB profile file, and 500 bytes of known numbers are easier to review than a binary.
 * The curve is the usual gamma-2.2 approximation of the sRGB transfer function.
 */
export function srgbIccProfile(): Uint8Array {
  const tags: Array<[string, Uint8Array]> = [];
  const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
  const u32 = (n: number): number[] => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  const s15 = (x: number): number[] => u32(Math.round(x * 65536) >>> 0);
  const xyz = (x: number, y: number, z: number): Uint8Array => new Uint8Array([...ascii('XYZ '), 0, 0, 0, 0, ...s15(x), ...s15(y), ...s15(z)]);
  const description = 'sRGB IEC61966-2.1';
  const desc = new Uint8Array([
    ...ascii('desc'),
    ...u32(0),
    ...u32(description.length + 1),
    ...ascii(description),
    0,
    ...u32(0),
    ...u32(0), // no Unicode description
    0,
    0,
    0,
    ...new Array<number>(67).fill(0), // no ScriptCode description
  ]);
  const curve = new Uint8Array([...ascii('curv'), 0, 0, 0, 0, ...u32(1), 0x02, 0x33]); // gamma 2.2 as u8Fixed8
  tags.push(['desc', desc]);
  tags.push(['cprt', new Uint8Array([...ascii('text'), 0, 0, 0, 0, ...ascii('No copyright, use freely'), 0])]);
  tags.push(['wtpt', xyz(0.9642, 1.0, 0.8249)]);
  tags.push(['rXYZ', xyz(0.4361, 0.2225, 0.0139)]);
  tags.push(['gXYZ', xyz(0.3851, 0.7169, 0.0971)]);
  tags.push(['bXYZ', xyz(0.1431, 0.0606, 0.7141)]);
  tags.push(['rTRC', curve], ['gTRC', curve], ['bTRC', curve]);

  const pad = (n: number): number => (n + 3) & ~3;
  let offset = 128 + 4 + tags.length * 12;
  const table: number[] = [...u32(tags.length)];
  const data: number[] = [];
  for (const [sig, bytes] of tags) {
    table.push(...ascii(sig), ...u32(offset), ...u32(bytes.length));
    data.push(...bytes, ...new Array<number>(pad(bytes.length) - bytes.length).fill(0));
    offset += pad(bytes.length);
  }
  const header = [
    ...u32(offset),
    ...u32(0), // preferred CMM
    0x02,
    0x10,
    0,
    0, // version 2.1
    ...ascii('mntr'),
    ...ascii('RGB '),
    ...ascii('XYZ '),
    ...new Array<number>(12).fill(0), // date
    ...ascii('acsp'),
    ...new Array<number>(4 + 4 + 4 + 4 + 8 + 4).fill(0), // platform, flags, manufacturer, model, attributes, intent
    ...s15(0.9642),
    ...s15(1.0),
    ...s15(0.8249), // PCS illuminant D50
    ...new Array<number>(4 + 16 + 28).fill(0), // creator, profile id, reserved
  ];
  return new Uint8Array([...header, ...table, ...data]);
}
