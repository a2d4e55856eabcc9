// The build failed on the refusal, which names the source file and the line of the suspending call, and
// left the refused class as compiled (no mark).
def log = new File(basedir, 'build.log').text
def source = new File(basedir, 'src/main/java/app/Counter.java').absolutePath
def error = "[ERROR] ${source}:[13] coro4j refused to rewrite coroutine method app.Counter.tick(Counter.java:12): the call to io.coro4j.Coro.sleep at line 13 can suspend inside a synchronized block"
assert log.contains(error): "no '${error}' in build.log"
assert log.contains('coro4j refused 1 coroutine method, first ' + source + ':[13]')
assert log.contains('-Dcoro4j.failOnRefusal=false')
assert log.contains('BUILD FAILURE')

def bytes = new File(basedir, 'target/classes/app/Counter.class').getText('ISO-8859-1')
assert !bytes.contains('Lio/coro4j/protocol/Rewritten;')
return true
