import fs from 'node:fs';
import path from 'node:path';

/** What `node --cpu-prof` writes: the call tree's nodes and, per sample, the node it was in and the time since the previous one (µs). */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a function's code lives: a package of node_modules, a file of ours, Node's own, or V8's pseudo-frames ("(garbage collector)"). */
function placeOf(url: string, functionName: string, root: string): string {
  if (!url) return functionName || '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const file = url.startsWith('file://') ? new URL(url).pathname : url;
  const modules = file.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [first, second] = file.slice(modules + '/node_modules/'.length).split('/');
    return first!.startsWith('@') ? `${first}/${second}` : first!;
  }
  return path.relative(root, file);
}

export interface ProfileSummary {
  /** CPU milliseconds sampled, idle excluded. */
  busyMs: number;
  /** Self time by place (package or file), largest first. */
  places: { place: string; ms: number }[];
  /** Self time by function, largest first. */
  functions: { name: string; place: string; ms: number }[];
}

/** The self time of a profile (or of every profile in a folder), by package or file and by function. */
export function summarizeCpuProfiles(profilePath: string, root: string): ProfileSummary {
  const files = fs.statSync(profilePath).isDirectory()
    ? fs
        .readdirSync(profilePath)
        .filter((name) => name.endsWith('.cpuprofile'))
        .map((name) => path.join(profilePath, name))
    : [profilePath];
  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, { name: string; place: string; ms: number }>();
  let busyMs = 0;
  for (const file of files) {
    const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
    const nodes = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
    profile.samples.forEach((id, index) => {
      const frame = nodes.get(id)!;
      if (frame.functionName === '(idle)') return;
      const ms = (profile.timeDeltas[index] ?? 0) / 1000;
      const place = placeOf(frame.url, frame.functionName, root);
      busyMs += ms;
      byPlace.set(place, (byPlace.get(place) ?? 0) + ms);
      const key = `${frame.functionName || '(anonymous)'} ${place}:${frame.lineNumber + 1}`;
      const entry = byFunction.get(key) ?? { name: frame.functionName || '(anonymous)', place: `${place}:${frame.lineNumber + 1}`, ms: 0 };
      entry.ms += ms;
      byFunction.set(key, entry);
    });
  }
  return {
    busyMs,
    places: [...byPlace].map(([place, ms]) => ({ place, ms })).sort((a, b) => b.ms - a.ms),
    functions: [...byFunction.values()].sort((a, b) => b.ms - a.ms),
  };
}
