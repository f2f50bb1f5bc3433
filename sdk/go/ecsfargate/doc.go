// Pulumi components that take a Dockerfile to a secure, load-balanced, auto-scaling service on AWS ECS Fargate.
package ecsfargate
