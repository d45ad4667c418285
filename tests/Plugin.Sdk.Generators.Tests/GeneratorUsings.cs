// The generator is referenced under the alias "Generator" (see the project file): its namespaces are imported here for
// every test, its internal copies of the SDK's shared types are not, so HttpVerb & co. always mean the SDK's.
extern alias Generator;

global using Generator::Plugin.Sdk.Generators;
global using Generator::Plugin.Sdk.Generators.Parsing;
global using Generator::Plugin.Sdk.Generators.Diagnostics;
global using Generator::Plugin.Sdk.Generators.Diagnostics.Analyzers;
