/** The entry of a table with this Koywe id (a number or numeric text), or undefined. */
export function findById<T extends { id: number }>(
	table: readonly T[],
	id: number | string,
): T | undefined {
	const num = typeof id === 'number' ? id : Number(String(id).trim());
	return Number.isFinite(num) ? table.find((entry) => entry.id === num) : undefined;
}
