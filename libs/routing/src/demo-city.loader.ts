import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EntityManager } from 'typeorm';
import { parseCategoryUnits, parseRoutingRules, parseUnits } from './routing-catalogue';

const CATEGORY_UNITS_FILE = 'category-units.json';

/**
 * Loads the demo city (units, dispatch catalogue and the topic category → unit map) from `directory` when the database has no unit yet.
 * Returns whether it loaded. Runs inside the boot-time migration lock, so two processes never both load.
 */
export async function loadDemoCityIfEmpty(manager: EntityManager, directory: string): Promise<boolean> {
  const [{ count }] = await manager.query(`SELECT count(*)::int AS count FROM units`);
  if (count > 0) return false;
  const read = (file: string): unknown => JSON.parse(readFileSync(join(directory, file), 'utf8'));
  const units = parseUnits(read('units.json'));
  const rules = parseRoutingRules(read('routing-rules.json'), units);
  const categoryUnits = existsSync(join(directory, CATEGORY_UNITS_FILE)) ? parseCategoryUnits(read(CATEGORY_UNITS_FILE), units) : [];
  await manager.transaction(async (tx) => {
    const idByCode = new Map<string, string>();
    // Parents first: repeat passes until every unit whose parent is known is in.
    let pending = units;
    while (pending.length) {
      const ready = pending.filter((u) => u.parent === null || idByCode.has(u.parent));
      for (const unit of ready) {
        const [{ id }] = await tx.query(
          `INSERT INTO units (code, name, kind, parent_id) VALUES ($1, $2, $3, $4) RETURNING id`,
          [unit.code, unit.name, unit.kind, unit.parent === null ? null : idByCode.get(unit.parent)],
        );
        idByCode.set(unit.code, id);
      }
      pending = pending.filter((u) => !idByCode.has(u.code));
    }
    for (const rule of rules) {
      await tx.query(
        `INSERT INTO routing_rules (code, description, lead_unit_id, assisting_unit_ids, keywords, kinds, places, priority)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          rule.code,
          rule.description,
          idByCode.get(rule.leadUnit),
          rule.assistingUnits.map((code) => idByCode.get(code)),
          rule.keywords,
          rule.kinds,
          rule.places,
          rule.priority,
        ],
      );
    }
    for (const { category, unit } of categoryUnits) {
      await tx.query(`INSERT INTO routing_category_units (category, unit_id) VALUES ($1, $2)`, [category, idByCode.get(unit)]);
    }
  });
  return true;
}
