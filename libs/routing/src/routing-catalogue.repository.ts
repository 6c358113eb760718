import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { MessageKind, RoutingRule } from './routing-catalogue';

/** The enabled rules with unit codes (the pure decision speaks codes), and the code → id map to store its result. */
export interface LoadedCatalogue {
  rules: RoutingRule[];
  unitIdByCode: ReadonlyMap<string, string>;
  unitNameByCode: ReadonlyMap<string, string>;
  /** Topic category → lead unit code. */
  categoryUnits: ReadonlyMap<string, string>;
}

@Injectable()
export class RoutingCatalogueRepository {
  async load(manager: EntityManager): Promise<LoadedCatalogue> {
    const units: { id: string; code: string; name: string }[] = await manager.query(`SELECT id, code, name FROM units`);
    const codeById = new Map(units.map((u) => [u.id, u.code]));
    const rows: {
      code: string;
      description: string;
      lead_unit_id: string;
      assisting_unit_ids: string[];
      keywords: string[];
      kinds: string[];
      places: string[];
      priority: number;
    }[] = await manager.query(
      `SELECT code, description, lead_unit_id, assisting_unit_ids, keywords, kinds, places, priority
         FROM routing_rules WHERE enabled ORDER BY code`,
    );
    const codeOf = (id: string) => {
      const code = codeById.get(id);
      if (!code) throw new Error(`routing rule refers to missing unit ${id}`);
      return code;
    };
    const rules = rows.map((r) => ({
      code: r.code,
      description: r.description,
      leadUnit: codeOf(r.lead_unit_id),
      assistingUnits: r.assisting_unit_ids.map(codeOf),
      keywords: r.keywords,
      kinds: r.kinds as MessageKind[],
      places: r.places,
      priority: r.priority,
    }));
    const categories: { category: string; unit_id: string }[] = await manager.query(`SELECT category, unit_id FROM routing_category_units`);
    return {
      rules,
      unitIdByCode: new Map(units.map((u) => [u.code, u.id])),
      unitNameByCode: new Map(units.map((u) => [u.code, u.name])),
      categoryUnits: new Map(categories.map((c) => [c.category, codeOf(c.unit_id)])),
    };
  }
}
