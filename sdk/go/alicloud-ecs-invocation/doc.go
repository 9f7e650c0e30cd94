// ECS Cloud Assistant commands run on instances as declarative resources: EcsInvocation (InvokeCommand) and EcsCommand (CreateCommand).
package alicloudecsinvocation
