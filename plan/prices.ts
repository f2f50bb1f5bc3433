/**
 * The price table of the offline plan: AWS us-east-1 on-demand prices, every figure quoted with the row of
 * `../shared/FACTS.md` ("AWS prices" table) it comes from. Nothing here is computed; `cost.ts` does the sums.
 */

/** Where every price below comes from. */
export const PRICE_SOURCE = "../shared/FACTS.md, table \"AWS prices (us-east-1, on-demand, late 2026)\"";

/** Hours in the month every monthly figure uses (FACTS.md: "A month is 730 hours."). */
export const HOURS_PER_MONTH = 730;

/** One price with the FACTS.md row it was read from. */
export interface Price {
    /** US dollars per `unit`. */
    usd: number;
    unit: string;
    /** The FACTS.md row, quoted. */
    source: string;
}

function price(usd: number, unit: string, source: string): Price {
    return { usd, unit, source };
}

const FARGATE_X86_ROW = "Fargate Linux x86 | $0.04048 per vCPU-hour, $0.004445 per GB-hour";
const FARGATE_ARM_ROW = "Fargate Linux ARM (Graviton) | $0.03238 per vCPU-hour, $0.00356 per GB-hour";
const SPOT_ROW = "Fargate Spot | up to 70% off (published examples 67–69%)";
const ALB_ROW = "Application Load Balancer | $0.0225 per hour + $0.008 per LCU-hour";
const NAT_ROW = "NAT gateway | $0.045 per hour + $0.045 per GB processed";
const ENDPOINT_ROW = "interface VPC endpoint | $0.01 per endpoint per AZ-hour + $0.01 per GB; gateway endpoints (S3) free";
const IPV4_ROW = "public IPv4 address (tasks, ALB nodes — one per AZ —, NAT) | $0.005 per hour";
const LOGS_ROW = "CloudWatch Logs | $0.50 per GB ingested, $0.03 per GB-month stored";
const ECR_ROW = "ECR storage | $0.10 per GB-month";

/** Every price the plan uses. */
export const PRICES = {
    fargateX86VcpuHour: price(0.04048, "vCPU-hour", FARGATE_X86_ROW),
    fargateX86GbHour: price(0.004445, "GB-hour", FARGATE_X86_ROW),
    fargateArmVcpuHour: price(0.03238, "vCPU-hour", FARGATE_ARM_ROW),
    fargateArmGbHour: price(0.00356, "GB-hour", FARGATE_ARM_ROW),
    albHour: price(0.0225, "load-balancer-hour", ALB_ROW),
    albLcuHour: price(0.008, "LCU-hour", ALB_ROW),
    natHour: price(0.045, "NAT-gateway-hour", NAT_ROW),
    natGb: price(0.045, "GB processed", NAT_ROW),
    interfaceEndpointAzHour: price(0.01, "endpoint-AZ-hour", ENDPOINT_ROW),
    interfaceEndpointGb: price(0.01, "GB processed", ENDPOINT_ROW),
    gatewayEndpointHour: price(0, "endpoint-hour", ENDPOINT_ROW),
    publicIpv4Hour: price(0.005, "address-hour", IPV4_ROW),
    logsIngestedGb: price(0.5, "GB ingested", LOGS_ROW),
    logsStoredGbMonth: price(0.03, "GB-month stored", LOGS_ROW),
    ecrStorageGbMonth: price(0.1, "GB-month", ECR_ROW),
} as const;

/**
 * The share of the on-demand Fargate price a Spot task pays. FACTS.md gives "up to 70% off (published examples
 * 67–69%)"; the plan takes the smallest published discount, 67%, so a Spot estimate errs on the high side.
 */
export const SPOT_PRICE_FACTOR = { factor: 0.33, source: `${SPOT_ROW} — the plan uses the smallest published discount, 67%` } as const;

export type PriceKey = keyof typeof PRICES;
