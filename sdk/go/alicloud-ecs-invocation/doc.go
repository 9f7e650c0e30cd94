// ECS Cloud Assistant as declarative resources: EcsInvocation (InvokeCommand), EcsCommand (CreateCommand) and EcsFile (SendFile), with the getEcsCommands and getEcsInvocations lookups.
package alicloudecsinvocation
