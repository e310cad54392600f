package io.dynakv.node.replica;

import io.dynakv.node.CborSerializable;

/**
 * A replica host's answer to a read: the replica's object ({@link PartitionReplica.ReadResult},
 * an empty object included), or {@link ReplicaHost.NotMine} when this node holds no replica
 * it may answer for — which a coordinator counts as a failure, never as an empty object.
 */
public sealed interface ReadReply extends CborSerializable
    permits PartitionReplica.ReadResult, ReplicaHost.NotMine {}
