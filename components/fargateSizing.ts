/**
 * The CPU and memory combinations Fargate accepts for a Linux task.
 * The table itself is one of AWS's rules, in awsRules.ts.
 */
import { FARGATE_MEMORY_BY_CPU } from "./awsRules";

export { FARGATE_MEMORY_BY_CPU };

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
