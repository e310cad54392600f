import com.sun.tools.attach.VirtualMachine;
public class ApAttach { public static void main(String[] a) throws Exception {
  VirtualMachine vm = VirtualMachine.attach(a[0]); vm.loadAgentPath("/tmp/ap/linux-x64/libasyncProfiler.so", a[1]); vm.detach(); } }
