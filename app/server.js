// A tiny web app for the demo stacks: answers on PORT (8080), with a health check on /health.
// It writes nothing to disk, so it runs on a read-only root file system as a non-root user.
const http = require("http");

const port = Number(process.env.PORT || 8080);
const greeting = process.env.GREETING || "Hello from ECS Fargate";

const server = http.createServer((req, res) => {
    if (req.url === "/health") {
        res.writeHead(200, { "content-type": "text/plain" });
        res.end("ok\n");
        return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ message: greeting, path: req.url, host: process.env.HOSTNAME || null }) + "\n");
});

server.listen(port, () => console.log(`listening on ${port}`));

// ECS stops a task with SIGTERM; close the listener so in-flight requests finish before exit.
process.on("SIGTERM", () => server.close(() => process.exit(0)));
