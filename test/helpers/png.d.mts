export function png(width: number, height: number, pixel: (x: number, y: number) => readonly [number, number, number]): Buffer;
export function pngSize(data: Buffer): { width: number; height: number };
