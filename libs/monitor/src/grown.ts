/** A copy of a typed array, `capacity` long: how the monitor's dense tables grow. */
export function grown<T extends Uint8Array | Int32Array | Uint32Array | Float64Array>(old: T, capacity: number): T {
  const array = new (old.constructor as new (length: number) => T)(capacity);
  array.set(old);
  return array;
}
