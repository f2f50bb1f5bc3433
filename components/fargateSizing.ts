/**
 * The CPU and memory combinations Fargate accepts for a Linux task.
 * Source: AWS ECS developer guide, "Task CPU and memory" (Fargate).
 */

/** For each CPU value (units; 1024 = 1 vCPU), the memory sizes in MiB Fargate accepts with it. */
export const FARGATE_MEMORY_BY_CPU: Readonly<Record<number, readonly number[]>> = {
    256: [512, 1024, 2048],
    512: range(1024, 4096, 1024),
    1024: range(2048, 8192, 1024),
    2048: range(4096, 16384, 1024),
    4096: range(8192, 30720, 1024),
    8192: range(16384, 61440, 4096),
    16384: range(32768, 122880, 8192),
};

function range(from: number, to: number, step: number): number[] {
    const values: number[] = [];
    for (let v = from; v <= to; v += step) {
        values.push(v);
    }
    return values;
}

/** Describes the memory Fargate accepts with `cpu`, e.g. "1024 to 4096 MiB in steps of 1024". */
export function describeMemoryFor(cpu: number): string {
    const sizes = FARGATE_MEMORY_BY_CPU[cpu];
    if (sizes.length <= 3) {
        return `${sizes.slice(0, -1).join(", ")} or ${sizes[sizes.length - 1]} MiB`;
    }
    return `${sizes[0]} to ${sizes[sizes.length - 1]} MiB in steps of ${sizes[1] - sizes[0]}`;
}

/** Returns an error message when `cpu`/`memory` is not a Fargate combination, else undefined. */
export function checkFargateSize(cpu: number, memory: number): string | undefined {
    const cpus = Object.keys(FARGATE_MEMORY_BY_CPU).map(Number);
    if (!cpus.includes(cpu)) {
        return `\`cpu\` ${cpu} is not a Fargate CPU size; use one of ${cpus.join(", ")} (CPU units, 1024 = 1 vCPU).`;
    }
    if (!FARGATE_MEMORY_BY_CPU[cpu].includes(memory)) {
        return `\`memory\` ${memory} MiB is not valid with \`cpu\` ${cpu}; Fargate accepts ${describeMemoryFor(cpu)} for ${cpu} CPU units.`;
    }
    return undefined;
}
