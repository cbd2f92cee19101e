// @peculiar/x509 resolves its algorithm providers through tsyringe, which needs the Reflect
// metadata API. Every module that imports @peculiar/x509 imports this one first.
import 'reflect-metadata';
