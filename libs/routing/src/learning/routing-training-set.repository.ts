import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TextAnalyzer } from '@wenzheng/nlp';
import { LearningExample } from './retrain-plan';

/**
 * The labelled tickets the unit model learns from: per ticket, the unit that finally took it (its last resolution,
 * return or re-assignment with a final unit) and the last unit that was wrong for it (退回/改派); plus the
 * deployment's imported history.
 */
@Injectable()
export class RoutingTrainingSetRepository {
  constructor(private readonly analyzer: TextAnalyzer) {}

  async load(manager: EntityManager): Promise<LearningExample[]> {
    const tickets: { title: string; body: string; tokens: string[] | null; label: string; wrong_unit: string | null; at: Date }[] =
      await manager.query(
        `SELECT m.title, m.body, m.analysis->'tokens' AS tokens, lessons.label, lessons.wrong_unit, lessons.at
           FROM (SELECT e.message_id,
                        (array_agg(fu.code ORDER BY e.created_at DESC, e.id DESC) FILTER (WHERE fu.code IS NOT NULL))[1] AS label,
                        (array_agg(wu.code ORDER BY e.created_at DESC, e.id DESC) FILTER (WHERE wu.code IS NOT NULL))[1] AS wrong_unit,
                        max(e.created_at) AS at
                   FROM routing_examples e
                   LEFT JOIN units fu ON fu.id = e.final_unit_id
                   LEFT JOIN units wu ON wu.id = e.wrong_unit_id
                  GROUP BY e.message_id) lessons
           JOIN inbound_messages m ON m.id = lessons.message_id
          WHERE lessons.label IS NOT NULL`,
      );
    const history: { text: string; label: string; at: Date }[] = await manager.query(
      `SELECT h.text, u.code AS label, h.occurred_at AS at FROM routing_history_examples h JOIN units u ON u.id = h.unit_id`,
    );
    return [
      ...tickets.map((row) => ({
        tokens: row.tokens ?? this.analyzer.tokenize(`${row.title}\n${row.body}`),
        label: row.label,
        at: row.at,
        wrongUnit: row.wrong_unit === row.label ? null : row.wrong_unit,
      })),
      ...history.map((row) => ({ tokens: this.analyzer.tokenize(row.text), label: row.label, at: row.at, wrongUnit: null })),
    ];
  }
}
