export * from './retrain-plan';
export * from './model-package';
export * from './routing-learning.entities';
export * from './routing-model.store';
export * from './shipped-category-model';
