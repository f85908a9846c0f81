import { describe, expect, it } from 'vitest';
import { seriesName } from '../../../src/main/engine/read/series-name';

describe('series names on the wall', () => {
  it('fills a legend format from the labels', () => {
    expect(seriesName({ instance: 'web-1', job: 'api' }, 'up', '{{job}} on {{instance}}')).toBe('api on web-1');
  });
  it('uses Prometheus notation without a legend', () => {
    expect(seriesName({ __name__: 'up', job: 'api' }, 'up')).toBe('up{job="api"}');
  });
  it('names a label-less series after its panel, not its PromQL', () => {
    expect(seriesName({}, 'sum(rate(orders_total[5m])) * 60', undefined, 'Orders / min')).toBe('Orders / min');
    expect(seriesName({}, 'vector(1)')).toBe('vector(1)');
  });
  it('names a series as if no legend were set when its legend renders empty (a label the series lacks), as Grafana does', () => {
    expect(seriesName({ __name__: 'up', instance: 'a:1', job: 'node' }, 'up', '{{ pod }}')).toBe('up{instance="a:1", job="node"}');
    expect(seriesName({}, 'sum(up)', '{{pod}} ', 'Liveness')).toBe('Liveness');
    // a legend with text around an empty label keeps its text, as Grafana does
    expect(seriesName({ job: 'node' }, 'up', '{{ pod }} - Received')).toBe(' - Received');
  });
});
