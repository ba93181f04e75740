/**
 * Deterministic, realistic Dockerfiles for the lint benchmark: multi-stage builds with
 * ARGs, platform flags, COPY --from, long RUN chains, and a few mistakes to report.
 */
const BASES = ['mcr.microsoft.com/dotnet/sdk:8.0', 'node:20-bookworm', 'python:3.12-slim', 'golang:1.22', 'MyReg.azurecr.io/base/Builder:latest', 'ubuntu', 'alpine:3.20', 'myregistry.azurecr.io/team/runtime@sha256:' + 'a'.repeat(64)];

export function syntheticDockerfiles(count: number, seed = 1): Array<{ name: string; text: string }> {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state;
  };
  const files: Array<{ name: string; text: string }> = [];
  for (let i = 0; i < count; i++) {
    const lines: string[] = ['# syntax=docker/dockerfile:1', `ARG BASE=${BASES[next() % BASES.length]}`, 'ARG VERSION=1.0.0'];
    const stages = 1 + (next() % 3);
    for (let s = 0; s < stages; s++) {
      const base = s === 0 ? '${BASE}' : BASES[next() % BASES.length];
      lines.push(`FROM --platform=$BUILDPLATFORM ${base} AS stage${s}`, 'WORKDIR /src', `LABEL org.opencontainers.image.version=$VERSION stage=${s}`);
      const runs = 5 + (next() % 15);
      for (let r = 0; r < runs; r++) {
        lines.push(`RUN apt-get update && apt-get install -y --no-install-recommends pkg${r} \\`, `    && echo "step ${r}" > /tmp/step${r} \\`, '    && rm -rf /var/lib/apt/lists/*');
        if (r % 4 === 0) lines.push(`COPY src/part${r} /src/part${r}`);
        if (r % 6 === 0) lines.push(`ENV STEP_${r}=value${r}`);
      }
      if (s > 0) lines.push(`COPY --from=stage${s - 1} /src /app`);
    }
    lines.push('EXPOSE 8080', 'USER 1000', 'HEALTHCHECK CMD curl -f http://localhost:8080/ || exit 1', 'ENTRYPOINT ["/app/run"]', 'CMD ["--serve"]');
    files.push({ name: `Dockerfile.${i}`, text: `${lines.join('\n')}\n` });
  }
  return files;
}
