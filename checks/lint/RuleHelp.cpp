//===--- RuleHelp.cpp - the documentation of each check -------------------===//

#include "RuleHelp.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::coroscope::lint {

namespace {
const RuleHelp Pages[] = {
#include "RuleHelp.inc"
};
} // namespace

const RuleHelp *findRuleHelp(llvm::StringRef Check) {
  const RuleHelp *Page = llvm::find_if(
      Pages, [&](const RuleHelp &Help) { return Help.Check == Check; });
  return Page == std::end(Pages) ? nullptr : Page;
}

} // namespace clang::tidy::coroscope::lint
