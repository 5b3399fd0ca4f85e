// A third party's backend, outside vecnn's packages, ran the whole TCK under Surefire 3.5.2.
def log = new File(basedir, 'build.log').text
def run = (log =~ /Tests run: (\d+), Failures: 0, Errors: 0, Skipped: (\d+)/)
assert run.find() : 'no Surefire summary in build.log'
assert (run.group(1) as int) > 50 : "the TCK ran ${run.group(1)} checks"
// The checks this backend leaves to the SPI's reference code are listed with their reason at the end of the run.
assert log.contains('[vecnn TCK] ') && log.contains(' check(s) not run, by reason:')
assert log.contains('runs on the SPI\'s reference implementation, not on code of the backend\'s own')
// The TCK leaves no state file in the user's project.
assert !new File(basedir, '.jqwik-database').exists()
