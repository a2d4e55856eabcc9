// Both builds passed (the tests ran coroutines with no agent); the first rewrote the classes, the second
// found them unchanged and rewrote nothing.
def log = new File(basedir, 'build.log').text
def classes = new File(basedir, 'target/classes').absolutePath
def testClasses = new File(basedir, 'target/test-classes').absolutePath

def first = "coro4j rewrote 4 coroutine methods in 1 class of ${classes} (1 class file)"
assert log.contains(first): "no '${first}' in build.log"
def again = "coro4j rewrote 0 coroutine methods in 0 classes of ${classes} (1 class file, 1 unchanged since the last run)"
assert log.contains(again): "no '${again}' in build.log"
assert log.contains("coro4j rewrote 1 coroutine method in 1 class of ${testClasses} (1 class file)")
assert log.contains("coro4j rewrote 0 coroutine methods in 0 classes of ${testClasses} (1 class file, 1 unchanged since the last run)")
assert log.count('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0') >= 2
assert log.count('BUILD SUCCESS') == 2

def bytes = new File(basedir, 'target/classes/app/Greeter.class').getText('ISO-8859-1')
assert bytes.contains('Lio/coro4j/protocol/Rewritten;')
return true
