import sys, collections
c=collections.Counter(); tot=0
for line in open(sys.argv[1]):
    st,_,n=line.rstrip().rpartition(' '); n=int(n); tot+=n
    if 'ForkJoinPool.awaitWork' in st or 'Unsafe.park' in st: k='idle/park'
    elif 'signalWork' in st or 'LockSupport.unpark' in st: k='unpark (waking threads)'
    elif 'akka/remote/artery' in st or 'deserializeForArtery' in st: k='artery'+(' (ser/deser)' if 'erializ' in st else '')
    elif 'akka/http' in st: k='http'
    elif 'PartitionReplica' in st: k='replica'
    elif 'Coordinator' in st: k='coordinator'
    elif 'akka/io/' in st: k='akka.io (tcp)'
    elif 'akka/stream' in st: k='streams (other)'
    elif 'ReplicaHost' in st: k='replicahost'
    elif 'KvService' in st or 'RequestRouter' in st: k='kvservice/router'
    elif 'io/dynakv' in st: k='dynakv other'
    elif 'Compile' in st: k='jit'
    elif 'GC' in st or 'G1' in st: k='gc'
    else: k='other: '+';'.join(st.split(';')[:3])[:120]
    c[k]+=n
for k,v in c.most_common(25): print(f'{v*100/tot:5.1f}% {k}')
