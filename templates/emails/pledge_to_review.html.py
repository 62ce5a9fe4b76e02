BBBB BBBBXXX gettext(u'Hello,') XXXX
XXX gettext(u"%(store)s (%(city)s) has taken the pledge, signed by %(name)s. It waits for a coordinator's approval.") SSSSSSSSS SSSSSSSSSS SSS SSSSS SSS SSSSSSS SSSSSS SS SSSSSSSSS SS SSSSS SSS S SSSSSSSSSSSSS SSSSSSSSSXXXX
XXX gettext(u"Check the store's details, then approve or decline the pledge.") XXXX
 gettext(u'Review the pledge') BBBBBBB BBBBBBBBBBBBBBBBBBBB BBBB BBBBBBBBBBBBBB BBBBBBBBBBB
