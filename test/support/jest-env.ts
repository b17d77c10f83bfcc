// Node 20 is this project's declared runtime; the SDK's notice about its end of support says
// nothing a test can act on.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
