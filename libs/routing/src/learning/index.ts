export * from './retrain-plan';
export * from './model-package';
export * from './routing-learning.entities';
export * from './routing-model.store';
export * from './shipped-category-model';
export * from './routing-training-set.repository';
export * from './retrain-routing-model.job';
export * from './routing-retrain.trigger';
