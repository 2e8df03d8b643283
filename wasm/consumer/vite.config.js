// The worker imports the package as an ES module.
export default { worker: { format: "es" }, build: { target: "es2022" } };
