// Sinks only deliver what the policy decided. The Electron (OS notification + sound) and browser
// sinks live with their faces; the engine ships the log sink and a fan-out.
import type { NotificationView } from '../../../shared/api';

export interface NotificationSink {
  readonly name: string;
  deliver(n: NotificationView): void;
}

/** One line per notification: `notify critical open "Disk full" [bizoholic] incidents=a,b`. */
export function formatNotificationLine(n: NotificationView): string {
  const brand = n.brand !== undefined ? ` [${n.brand}]` : '';
  const sound = n.sound !== undefined ? ` sound=${n.sound}` : '';
  return `notify ${n.severity} ${n.kind} ${JSON.stringify(n.title)}${brand} incidents=${n.incidentIds.join(',')}${sound}`;
}

export function createLogSink(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): NotificationSink {
  return { name: 'log', deliver: (n) => write(formatNotificationLine(n)) };
}

/** Delivers to every sink; one sink throwing does not stop the others (a sink is not trusted). */
export function fanOut(sinks: NotificationSink[], onError?: (sink: string, err: unknown) => void): NotificationSink {
  return {
    name: 'fan-out',
    deliver(n) {
      for (const s of sinks) {
        try {
          s.deliver(n);
        } catch (err) {
          onError?.(s.name, err);
        }
      }
    },
  };
}
