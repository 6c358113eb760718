import { gunzipSync, gzipSync } from 'node:zlib';
import { ModelArtifact, deserializeModel, serializeModel } from '../classifier';

/** A model as stored (routing_models.artifact, config/models/*.json.gz): gzip of its JSON, about a third of the size. */
export function packModel(artifact: ModelArtifact): Buffer {
  return gzipSync(serializeModel(artifact), { level: 9 });
}

export function unpackModel(packed: Buffer): ModelArtifact {
  return deserializeModel(gunzipSync(packed).toString('utf8'));
}
