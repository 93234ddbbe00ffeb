// The hive's shared error type and vocabulary live in grain-interfaces' Hive.Common.
global using Hive.Common;
