// The CLI's predict in a process of its own, so the bench reads this process's peak RSS and not the bench's.
import { runPredict } from '../src/cli/predict';

const code = await runPredict(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s));
// maxRSS is in KiB; one JSON line the bench parses
process.stderr.write(`${JSON.stringify({ maxRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
process.exitCode = code;
