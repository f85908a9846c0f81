// Alert sounds made with WebAudio: no files, no remote content. One pattern per severity, so a
// person can tell a critical from a warning without looking.
import type { Severity } from '../../shared/config-schema';

interface Tone {
  /** Hz */
  freq: number;
  /** s from the start of the pattern */
  at: number;
  /** s */
  length: number;
}

const PATTERNS: Record<Severity, Tone[]> = {
  critical: [0, 0.25, 0.5, 0.9, 1.15, 1.4].map((at, i) => ({ freq: i % 2 ? 880 : 1175, at, length: 0.18 })),
  high: [0, 0.3].map((at) => ({ freq: 880, at, length: 0.2 })),
  warning: [{ freq: 660, at: 0, length: 0.25 }],
  info: [{ freq: 523, at: 0, length: 0.15 }],
};

/** Sound names that mean "no sound" in the board file's `notify.routes[].sound`. */
const SILENT = new Set(['', 'none', 'off', 'silent']);

export interface SoundPlayer {
  /** Call from a user gesture (a click): browsers only let audio start after one. */
  unlock(): void;
  play(severity: Severity, sound: string): void;
}

type AudioContextCtor = new () => AudioContext;

export function createSoundPlayer(Ctor: AudioContextCtor | undefined = globalThis.AudioContext, volume = 0.2): SoundPlayer {
  let ctx: AudioContext | undefined;
  const context = (): AudioContext | undefined => {
    if (!Ctor) return undefined;
    ctx ??= new Ctor();
    return ctx;
  };
  return {
    unlock() {
      const c = context();
      if (c && c.state === 'suspended') void c.resume().catch(() => undefined);
    },
    play(severity, sound) {
      if (SILENT.has(sound.trim().toLowerCase())) return;
      const c = context();
      if (!c || c.state !== 'running') return; // why: not unlocked by a gesture yet; a silent failure is right here
      const start = c.currentTime + 0.02;
      for (const tone of PATTERNS[severity]) {
        const osc = c.createOscillator();
        const gain = c.createGain();
        osc.type = 'sine';
        osc.frequency.value = tone.freq;
        const t0 = start + tone.at;
        // why: short ramps avoid clicks at the start and end of each beep
        gain.gain.setValueAtTime(0, t0);
        gain.gain.linearRampToValueAtTime(volume, t0 + 0.01);
        gain.gain.setValueAtTime(volume, t0 + tone.length - 0.02);
        gain.gain.linearRampToValueAtTime(0, t0 + tone.length);
        osc.connect(gain).connect(c.destination);
        osc.start(t0);
        osc.stop(t0 + tone.length + 0.01);
      }
    },
  };
}
