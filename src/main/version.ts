// The app version, kept as a constant so the main bundle does not carry package.json with it.
// A unit test fails when it drifts from package.json.
export const appVersion = '0.1.0'
