// Preloaded (NODE_OPTIONS=--require) into the dynamic-provider host by bench/engine-profile.ts:
// writes the host's CPU time, and with ENGINE_PROFILE_CPU=1 its CPU profile, into
// ENGINE_PROFILE_DIR when the engine stops it (SIGINT) or it exits.
const fs = require("node:fs");
const inspector = require("node:inspector");
const path = require("node:path");

const dir = process.env.ENGINE_PROFILE_DIR;
if (dir && /dynamic-provider/.test(process.argv[1] ?? "")) {
  const session = process.env.ENGINE_PROFILE_CPU === "1" ? new inspector.Session() : undefined;
  if (session) {
    session.connect();
    session.post("Profiler.enable");
    session.post("Profiler.setSamplingInterval", { interval: 200 });
    session.post("Profiler.start");
  }
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    const { user, system } = process.cpuUsage();
    const file = path.join(dir, `host-${process.pid}`);
    fs.writeFileSync(`${file}.cpu.json`, JSON.stringify({ userMs: user / 1000, systemMs: system / 1000 }));
    // The inspector answers on this thread at once, so the profile is written before the exit.
    session?.post("Profiler.stop", (error, result) => {
      if (!error) fs.writeFileSync(`${file}.cpuprofile`, JSON.stringify(result.profile));
    });
  };
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      write();
      process.exit(0);
    });
  }
  process.on("exit", write);
}
