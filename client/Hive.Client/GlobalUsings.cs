global using Hive.Agents;
global using Hive.Common;
global using Hive.Tasks;
global using Orleans;
