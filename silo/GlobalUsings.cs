global using Hive.Common;
global using Hive.Ports;
global using Microsoft.Extensions.Logging;
global using Microsoft.Extensions.Options;
