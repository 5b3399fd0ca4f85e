// The build failed because the TCK refused the old runner, with the advice the README quotes.
def log = new File(basedir, 'build.log').text
assert log.contains('is a JUnit 5 suite and did not run') : 'the TCK did not explain the failure'
assert log.contains('maven-surefire-plugin 3.5.2 (at least 2.22.0)')
assert !log.contains('BUILD SUCCESS')
